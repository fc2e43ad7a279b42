"""Reading inputs: files and folders in, bytes with provenance out, bad inputs reported."""
