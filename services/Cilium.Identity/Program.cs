using Cilium.Identity;
using Cilium.Identity.Apis;
using Cilium.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("cilium-identity", "http://127.0.0.1:8081");
builder.AddIdentityServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIdentityApi();
app.Run();
