" Treat *.djs files as djsc specs.
autocmd BufRead,BufNewFile *.djs setfiletype djs
