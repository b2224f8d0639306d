"""Scrapy extensions: the run recorder, progress lines, secret masking, stored feeds."""
