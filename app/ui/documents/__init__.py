"""Documents in the main window: the chips of files waiting to be sent (chip.py), reading
them and weighing them against the model (staged.py, limits.py), "Choose pages…"
(pages_dialog.py), and the file cards of sent documents in the transcript (cards.py).
The reading and preparing themselves are app.core.documents."""
