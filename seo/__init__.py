"""What search engines and link previews read: meta tags, JSON-LD, sitemap, robots.txt."""
