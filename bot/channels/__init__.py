"""Channel adapters: each turns its platform's events into `IncomingMessage`s and renders `Outcome`s back."""
from bot.channels.line_sdk import defer_unused_dependencies

defer_unused_dependencies()  # before any module of this package imports linebot
