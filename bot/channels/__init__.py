"""Channel adapters: each turns its platform's events into `IncomingMessage`s and renders `Outcome`s back."""
