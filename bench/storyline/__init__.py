"""The storyline bench (issue 13): what `chronicle timeline` prints, scored as a reader would."""
