using Cilium.Agent;
using Cilium.Agent.Apis;
using Cilium.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("cilium-agent", defaultUrl: null);
builder.AddAgentServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDaemonApi();
app.MapEndpointApi();
app.MapAgentIdentityApi();
app.MapAgentPolicyApi();
app.MapIpamApi();
app.MapIpApi();
app.MapBpfMapApi();
app.MapMonitorApi();
app.Run();
