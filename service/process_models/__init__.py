"""Process versions: the deployed diagram bundles cases run on."""
