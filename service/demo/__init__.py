"""Demo data: Lai Châu province, real producers and products, and demo accounts (`flask ocop seed-demo`)."""
