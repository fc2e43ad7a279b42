"""Story clustering on the mixed Timeline17 pile (issue 15): B³ and ARI against the topic labels."""
