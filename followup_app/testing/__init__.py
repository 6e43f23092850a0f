"""Helpers of the integration tests, apart from the product code: fixtures (customers with contacts,
users holding only the app's roles), outgoing mail and background jobs. Only test modules import them."""
