"""A conversation in the main window: the transcript that paints answers as they stream, the
composer, and the controller that sends, streams, stops, retries, edits and branches (through
the ChatView protocol of view.py; what is open in open_conversation.py, the answer being
made in answering.py)."""
