"""Printouts: the A4 session report and the compare report (PNG), and the files beside them."""
