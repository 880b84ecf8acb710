# Read by the `flask` command (python-dotenv) when run from this folder; real
# environment variables win, so production sets COACHSITE_ENV=production.
FLASK_APP=coachsite
COACHSITE_ENV=development
