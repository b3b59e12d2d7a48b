using Cilium.ServiceDefaults;

// Placeholder host until its issue lands: health, readiness and Swagger only.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("cilium-policy", "http://127.0.0.1:8083");

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
