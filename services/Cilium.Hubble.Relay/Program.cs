using Cilium.ServiceDefaults;

// Placeholder host until its issue lands: health, readiness and Swagger only.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("hubble-relay", "http://127.0.0.1:4245");

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
