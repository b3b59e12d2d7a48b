// Placeholder until its issue lands: say so plainly and fail, so nothing mistakes it for the real tool.
Console.Error.WriteLine("hubble: not implemented yet");
return 1;
