"""A conversation in the main window: the transcript that paints answers as they stream, the
composer, and the controller that sends, streams, stops, retries, edits and branches."""
