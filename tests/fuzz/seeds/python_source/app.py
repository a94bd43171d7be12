import os, openai
from openai import OpenAI as C, AsyncOpenAI
client = C(base_url=os.environ.get("OPENAI_BASE_URL"))
model = "gpt-4o"  # default
url = f"https://api.openai.com/v1/{model}"
s = r'''raw
text'''
