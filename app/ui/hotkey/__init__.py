"""The global quick-ask shortcut, registered natively where the platform allows it (X11
XGrabKey, Windows RegisterHotKey); elsewhere it says why and offers a command to bind."""
