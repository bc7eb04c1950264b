"""Platform exports (Meta Business Suite, LinkedIn, GA4, or any file a mapping describes) read into
posts and KPI measurements. Knows nothing of MkDocs nor of how a strategy file is written."""
