"""Engagement points ledger: lots, locking, balances, expiry and the desk redemption action."""
