"""Links that never break: short codes, redirects, 410 Gone for deleted fiches."""
