"""The server's side of the sandbox: a pool of sandbox workers and what a run returns."""
