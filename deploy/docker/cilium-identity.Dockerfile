# Identity service image. Build from the repository root:
#   docker build -f deploy/docker/cilium-identity.Dockerfile -t cilium-identity .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish services/Cilium.Identity/Cilium.Identity.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8081
EXPOSE 8081
ENTRYPOINT ["dotnet", "cilium-identity.dll"]
