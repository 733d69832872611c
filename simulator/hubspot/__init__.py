"""HubSpot: workflows as the automation v4 flows API returns them."""
