// The only script on the site: Pagefind's own search UI over the index built with the site.
new PagefindUI({ element: '#suche', showSubResults: true, showImages: false, resetStyles: false })
