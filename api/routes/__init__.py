"""One router per resource; :data:`api.app.ROUTERS` lists them."""
