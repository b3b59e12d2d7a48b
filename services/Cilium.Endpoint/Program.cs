using Cilium.Endpoint;
using Cilium.Endpoint.Apis;
using Cilium.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("cilium-endpoint", "http://127.0.0.1:8082");
builder.AddEndpointServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapEndpointApi();
app.MapNodeApi();
app.Run();
