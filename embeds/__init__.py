"""Embeddable views: one fiche's card or a filtered list, for partners' sites (iframes)."""
