return CollapseLab.Cli.CollapseCli.Execute(args);
