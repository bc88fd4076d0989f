// The only script on the site: Pagefind's own search UI over the index built with the site.
// Its stylesheet comes with it, not in the page's head: the page paints without waiting for it.
const style = document.createElement('link')
style.rel = 'stylesheet'
style.href = '/pagefind/pagefind-ui.css'
document.head.append(style)
new PagefindUI({ element: '#suche', showSubResults: true, showImages: false, resetStyles: false })
