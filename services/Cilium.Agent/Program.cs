// Placeholder until the agent issue lands.
Console.Error.WriteLine("cilium-agent: not implemented yet");
return 1;
