A | B => actor code=X1 country=ABC sector=MIL type=ORG
bad line
