using Cilium.Hubble.Relay;
using Cilium.ServiceDefaults;

var builder = WebApplication.CreateBuilder(RelayArgs.Normalize(args));
builder.AddServiceDefaults("hubble-relay", "http://127.0.0.1:4246");
builder.AddRelayServices("http://127.0.0.1:4246");

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapRelay();
app.Run();
