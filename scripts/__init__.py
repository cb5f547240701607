"""Entry points that cron and people run: the `saraban` command and evaluation scripts."""
