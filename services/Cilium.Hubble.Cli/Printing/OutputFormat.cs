namespace Cilium.Hubble.Cli.Printing;

public enum OutputFormat
{
    Compact,
    Dict,
    Json,
    Jsonpb,
    Table,
}
