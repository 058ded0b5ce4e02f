"""The office's Q&A bot: channels (LINE, website chat), the conversation step, handoff and storage."""
