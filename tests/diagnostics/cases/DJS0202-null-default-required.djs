entity Product { note: Text = null }
