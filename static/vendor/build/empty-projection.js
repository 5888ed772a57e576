// Only d3-geo's own projections are used (e.g. 'natural earth1'): d3-geo-projection's 60+ extra ones are left out.
module.exports = {};
