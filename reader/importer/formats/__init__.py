"""Input formats other than raw text: each turns one kind of input into an article's
parts, which then go through the pipeline's shared passes (boilerplate lines,
quotations, speakers). :mod:`.html` reads web pages."""
