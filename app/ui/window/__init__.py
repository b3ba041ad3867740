"""The main window's frame: layout and shortcuts, the header above the transcript, the status
bar's balance."""
