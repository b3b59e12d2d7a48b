using Cilium.Policy;
using Cilium.Policy.Apis;
using Cilium.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("cilium-policy", "http://127.0.0.1:8083");
builder.AddPolicyServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPolicyApi();
app.MapTraceApi();
app.Run();
