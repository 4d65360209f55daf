"""Human tasks: the inbox and the work people do on cases."""
