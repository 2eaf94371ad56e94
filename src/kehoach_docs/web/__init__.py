"""The officers' desk: every job of the command line from a browser, on this computer.
Pages and security only; the work is done by kehoach_docs.commands."""
