"""Images in the window: what a drop or paste offers, the strip of images waiting to be sent
(prepared in workers), and stored images shown in the transcript."""
