"""Page views: for each page, ``build(source, filters, ...)`` returns everything the page shows (KPI values,
the small aggregated frames behind each chart and table, the narrative titles), with no Streamlit."""
