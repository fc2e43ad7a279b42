"""Timeline17 benchmark: Chronicle's timeline summarisation scored with the news-tls protocol."""
