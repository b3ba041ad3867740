"""What the desktop app runs on: the qasync event loop and its task runner, one instance per
user, the tray icon, interface languages, light/dark appearance, GC on the GUI thread."""
