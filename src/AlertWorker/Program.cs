using AlertWorker.Cli;

// AlertWorker: one executable, several commands (SPEC §2). The worker itself is `run`.
return await CommandLine.RunAsync(args);

public partial class Program;
