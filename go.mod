module github.com/stretchwise/stretchwise

go 1.26.8
