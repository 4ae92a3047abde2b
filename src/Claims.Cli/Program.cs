using Claims.Cli;

// claims: label every sentence of news articles with a claim type and a stance.
return await CliRunner.InvokeAsync(args);
