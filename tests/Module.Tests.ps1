# The module as admins meet it: manifest, views, completion, serialisation, threads, installation.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $editListClip = Join-Path $Fixtures 'bframes-editlist.mp4'
}

Describe 'The Mp4Timing module' {
    It 'declares Windows PowerShell 5.1 and PowerShell 7 (Desktop and Core) in its manifest and exports its cmdlets by name' {
        $manifest = Test-ModuleManifest (Join-Path $ModuleRoot 'Mp4Timing.psd1')
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        ($manifest.ExportedCmdlets.Keys | Sort-Object) | Should -Be @('Compare-FfmpegPts', 'Export-Mp4Timeline', 'Get-Mp4Box', 'Get-Mp4SampleTiming', 'Get-Mp4TimingRule', 'Get-Mp4Track', 'Test-Mp4Timing')
        (Get-Command -Module Mp4Timing | Sort-Object Name).Name | Should -Be @('Compare-FfmpegPts', 'Export-Mp4Timeline', 'Get-Mp4Box', 'Get-Mp4SampleTiming', 'Get-Mp4TimingRule', 'Get-Mp4Track', 'Test-Mp4Timing')
        $manifest.PrivateData.PSData.Tags | Should -Contain 'ffmpeg'
    }

    It 'compiles against .NET Framework 4.7.2 reference assemblies: the evidence that Windows PowerShell 5.1 can load it (none runs here)' {
        $project = Join-Path $PSScriptRoot 'Net472Check/Net472Check.csproj'
        $output = & dotnet build $project -c Release --nologo -v quiet 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
    }

    It 'has default views for its objects, seconds with four decimals' {
        foreach ($type in 'Mp4Timing.Box', 'Mp4Timing.SampleTiming', 'Mp4Timing.PtsComparison', 'Mp4Timing.PtsComparisonSummary', 'Mp4Timing.TrackInfo', 'Mp4Timing.TimingFinding', 'Mp4Timing.TimingRuleInfo', 'Mp4Timing.TimelineExport') {
            Get-FormatData -TypeName $type | Should -Not -BeNullOrEmpty -Because $type
        }
        $text = Get-Mp4SampleTiming $editListClip | Select-Object -First 2 | Out-String -Width 200
        $text | Should -Match '0\.0667'
        $text | Should -Match '-0\.0667'
        (Get-Mp4Box $editListClip -Type stts | Out-String -Width 200) | Should -Match '\s{10}stts'
    }

    Context 'tab completion' {
        It 'completes -TrackId and -Kind from the file already given' {
            $line = "Get-Mp4SampleTiming -Path '$(Join-Path $Fixtures 'audio-video.mp4')' -TrackId "
            (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('1', '2')
            $line = "Get-Mp4SampleTiming '$(Join-Path $Fixtures 'aac-44100.m4a')' -Kind "
            (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('Audio')
            $line = "Get-Mp4Track '$(Join-Path $Fixtures 'two-video.mp4')' -TrackId "
            (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('1', '2')
        }

        It 'completes -TrackId of media segments from the init segment' {
            $dash = Join-Path $Fixtures 'dash'
            $line = "Get-Mp4Track '$(Join-Path $dash 'chunk-stream1-00001.m4s')' -InitSegment '$(Join-Path $dash 'init-stream1.m4s')' -Kind "
            (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('Audio')
        }

        It 'completes from a file whose name holds wildcard characters, escaped in -Path or as written in -LiteralPath' {
            $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'odd [dir]') -Force
            Copy-Item -LiteralPath (Join-Path $Fixtures 'audio-video.mp4') -Destination (Join-Path $folder.FullName 'clip [1].mp4')
            $line = "Get-Mp4SampleTiming '$(Join-Path $TestDrive 'odd `[dir`]/clip `[1`].mp4')' -TrackId "
            (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('1', '2')
            $line = "Get-Mp4SampleTiming -LiteralPath '$(Join-Path $folder.FullName 'clip [1].mp4')' -Kind "
            (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('Video', 'Audio')
        }

        It 'completes a relative path from the current location' {
            Push-Location $Fixtures
            try {
                $line = 'Compare-FfmpegPts two-video.mp4 -TrackId '
                (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('1', '2')
            }
            finally { Pop-Location }
        }

        It 'completes -Type of Get-Mp4Box from the known fourccs when no file is named' {
            $line = 'Get-Mp4Box x.mp4 -Type ed'
            (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('edts')
        }

        It 'completes -Type of Get-Mp4Box with the file''s own box types first, counted, then the others' {
            $file = Join-Path $Fixtures 'frag-empty-moov.mp4'
            $line = "Get-Mp4Box '$file' -Type m"
            $matches = (TabExpansion2 $line $line.Length).CompletionMatches
            $inFile = @(Get-Mp4Box $file | Where-Object Type -like 'm*' | Group-Object Type | Sort-Object { $_.Name } -Culture ([cultureinfo]::InvariantCulture))
            $matches.CompletionText | Select-Object -First $inFile.Count | Should -Be @($inFile.Name | Sort-Object -CaseSensitive { [string]$_ } )
            ($matches | Where-Object CompletionText -eq 'moof').ToolTip | Should -Be "moof: $(($inFile | Where-Object Name -eq 'moof').Count) in this file"
            $others = @($matches.CompletionText | Select-Object -Skip $inFile.Count)
            $others.Count | Should -BeGreaterThan 0 -Because 'the known types the file lacks follow'
            $others | Where-Object { $_ -in $inFile.Name } | Should -BeNullOrEmpty -Because 'a type is offered once'
        }

        It 'refuses a -Kind that is not a track kind' {
            { Get-Mp4SampleTiming $editListClip -Kind Pictures -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        }
    }

    It 'says what it read with -Verbose' {
        $verbose = Get-Mp4SampleTiming $editListClip -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        $verbose.Message | Should -Match 'track 1 \(vide avc1, timescale 30, 120 samples in moov, edits: duration=4000 media_time=2 rate=1\)'
    }

    It 'shows every view whole at <Width> columns: no line wider, no value cut, every column''s label' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
        $cut = Join-Path $Fixtures 'cut-23.976fps.mp4'
        $views = [ordered]@{
            Box           = @(Get-Mp4Box (Join-Path $Fixtures 'delayed-audio.mp4'))
            SampleTiming  = @(Get-Mp4SampleTiming $cut -PictureType | Select-Object -First 60)
            PtsComparison = @(Compare-FfmpegPts $cut -FfprobeOutput ([IO.Path]::ChangeExtension($cut, '.ffprobe.json')) | Select-Object -First 20)
            Summary       = @(Compare-FfmpegPts $cut -ShowInfoLog ([IO.Path]::ChangeExtension($cut, '.showinfo.log')) -Summary)
            TrackInfo     = @(Get-ChildItem $Fixtures -Filter *.mp4 | Get-Mp4Track)
            TimingFinding = @(Get-ChildItem $Fixtures -Filter *.mp4 | Test-Mp4Timing -Rule *)
            TimingRule    = @(Get-Mp4TimingRule)
        }
        $PSStyle.OutputRendering = 'PlainText'
        foreach ($name in $views.Keys) {
            $objects = $views[$name]
            $objects.Count | Should -BeGreaterThan 0
            $lines = @(($objects | Out-String -Width $Width) -split "\r?\n")
            @($lines | Where-Object { $_.Length -gt $Width }) | Should -BeNullOrEmpty -Because "the $name view fits $Width columns"
            @($lines | Where-Object { $_ -match '…' }) | Should -BeNullOrEmpty -Because "the $name view cuts no value at $Width columns"
            # The view is selected by the object's type or a base type (Get-Mp4Box writes subclasses of Mp4Timing.Box).
            $format = $objects[0].PSObject.TypeNames | ForEach-Object { Get-FormatData -TypeName $_ } | Select-Object -First 1
            $format | Should -Not -BeNullOrEmpty -Because "$name has a view"
            $control = $format.FormatViewDefinition[0].Control
            $labels = if ($control -is [Management.Automation.TableControl]) { @($control.Headers | ForEach-Object Label | Where-Object { $_ }) } else { @() }
            foreach ($label in $labels) {
                @($lines | Where-Object { $_ -match "(^|\s)$([regex]::Escape($label))(\s|$)" }).Count | Should -BeGreaterThan 0 -Because "the $name view shows its $label column whole at $Width columns"
            }
        }
    }

    It 'gives scripts and ConvertTo-Json plain values: no enum numbers, no four-character-code structs' {
        function Find-Unplain([type] $Type, [Collections.Generic.HashSet[type]] $Seen) {
            # The properties (down through lists and nested objects) that ConvertTo-Json would not write as a string, number or boolean.
            $Type = if ([Nullable]::GetUnderlyingType($Type)) { [Nullable]::GetUnderlyingType($Type) } else { $Type }
            if ($Type.IsPrimitive -or $Type -in [string], [decimal], [guid]) { return }
            if ($Type.IsEnum) { return "an enum ($Type)" }
            $list = $Type.GetInterfaces() | Where-Object { $_.IsGenericType -and $_.GetGenericTypeDefinition() -eq [Collections.Generic.IEnumerable`1] } | Select-Object -First 1
            if ($list) { return Find-Unplain $list.GetGenericArguments()[0] $Seen }
            if (-not $Seen.Add($Type)) { return }
            foreach ($property in $Type.GetProperties([Reflection.BindingFlags]'Public, Instance')) {
                foreach ($why in Find-Unplain $property.PropertyType $Seen) { "$($Type.Name).$($property.Name): $why" }
            }
        }
        $outputs = @((Get-Command -Module Mp4Timing).OutputType.Type | Sort-Object FullName -Unique)
        $boxes = @([Mp4Timing.Box].Assembly.GetExportedTypes() | Where-Object { $_.IsSubclassOf([Mp4Timing.Box]) })
        $outputs.Count | Should -BeGreaterOrEqual 5
        $seen = [Collections.Generic.HashSet[type]]::new()
        @($outputs + $boxes | ForEach-Object { Find-Unplain $_ $seen }) | Should -BeNullOrEmpty

        $json = Get-Mp4SampleTiming $editListClip -Convention Ffmpeg | Select-Object -First 1 | ConvertTo-Json | ConvertFrom-Json
        $json.Convention | Should -Be 'Ffmpeg'
        (Get-Mp4Box $editListClip -Type moov | ConvertTo-Json | ConvertFrom-Json).Type | Should -Be 'moov'
        (Compare-FfmpegPts $editListClip -ShowInfoLog (Join-Path $Fixtures 'bframes-editlist.showinfo.log') -Summary | ConvertTo-Json | ConvertFrom-Json).Source | Should -Be 'ShowInfo'
    }

    It 'keeps every value through Export-Clixml and Import-Clixml' {
        $file = Join-Path $TestDrive 'samples.xml'
        $samples = Get-Mp4SampleTiming $editListClip | Select-Object -First 5
        $samples | Export-Clixml $file
        $back = Import-Clixml $file
        $back.Count | Should -Be 5
        foreach ($name in 'TrackId', 'Sample', 'DecodeTicks', 'CompositionTicks', 'PtsTicks', 'DtsTicks', 'Pts', 'Dts', 'IsSync', 'Size', 'Offset', 'Timescale', 'Handler', 'Codec') {
            ($back | ForEach-Object { "$($_.$name)" }) | Should -Be ($samples | ForEach-Object { "$($_.$name)" }) -Because $name
        }
        # Enums come back as their value.
        ($back | ForEach-Object { [Mp4Timing.TimingConvention]$_.Convention }) | Should -Be ($samples.Convention)
        $summary = Compare-FfmpegPts $editListClip -ShowInfoLog (Join-Path $Fixtures 'bframes-editlist.showinfo.log') -Summary
        $summary | Export-Clixml $file
        (Import-Clixml $file).Explanation | Should -Be $summary.Explanation
        # Track summaries, the ffmpeg start time (built when serialised) and the edit list included.
        $tracks = Get-Mp4Track (Join-Path $Fixtures 'delayed-audio.mp4')
        $tracks | Export-Clixml $file
        $back = Import-Clixml $file
        $back.CodecString | Should -Be $tracks.CodecString
        $back[1].FfmpegStartTime | Should -Be 0.478
        $back[1].DelayRelativeToVideo | Should -Be 0.478
        $back[1].EditList[1].MediaTimeTicks | Should -Be 0
    }

    It 'gives the same answers in ForEach-Object -Parallel and thread jobs as in one thread' {
        $files = Get-ChildItem $Fixtures -Filter *.mp4 | Select-Object -ExpandProperty FullName
        $serial = $files | ForEach-Object { "$([IO.Path]::GetFileName($_)):$(@(Get-Mp4SampleTiming $_).Count):$((Get-Mp4SampleTiming $_ | Measure-Object PtsTicks -Sum).Sum)" }
        $module = Join-Path $ModuleRoot 'Mp4Timing.psd1'
        $parallel = $files | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:module
            "$([IO.Path]::GetFileName($_)):$(@(Get-Mp4SampleTiming $_).Count):$((Get-Mp4SampleTiming $_ | Measure-Object PtsTicks -Sum).Sum)"
        }
        ($parallel | Sort-Object) | Should -Be ($serial | Sort-Object)
        $jobs = $files | Select-Object -First 4 | ForEach-Object { Start-ThreadJob -ArgumentList $_, $module { param($f, $m) Import-Module $m; @(Get-Mp4SampleTiming $f).Count } }
        ($jobs | Receive-Job -Wait -AutoRemoveJob) | Should -Be ($files | Select-Object -First 4 | ForEach-Object { @(Get-Mp4SampleTiming $_).Count })
    }

    It 'sends its objects through a separate process (a background job serialises them as remoting does)' {
        $module = Join-Path $ModuleRoot 'Mp4Timing.psd1'
        $job = Start-Job -ArgumentList $module, $editListClip { param($m, $f) Import-Module $m; Get-Mp4SampleTiming $f | Where-Object Pts -lt 1 }
        $frames = @($job | Receive-Job -Wait -AutoRemoveJob)
        $frames.Count | Should -Be 30
        ($frames.PtsTicks | Sort-Object) | Should -Be (0..29)
        $frames[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.Mp4Timing.SampleTiming'
    }

    It 'publishes with PSResourceGet to a local repository, installs from it and imports by name' {
        if (-not (Get-Module -ListAvailable Microsoft.PowerShell.PSResourceGet)) {
            Set-ItResult -Skipped -Because 'Microsoft.PowerShell.PSResourceGet is not installed (PowerShell 7.4 and later ship it)'
            return
        }
        $repo = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'repo')
        $installed = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'modules')
        $name = "Mp4TimingTest$([Guid]::NewGuid().ToString('N').Substring(0, 8))"
        Register-PSResourceRepository -Name $name -Uri $repo.FullName -Trusted
        try {
            Publish-PSResource -Path $ModuleRoot -Repository $name
            @(Get-ChildItem $repo | Where-Object Name -like 'mp4timing.*.nupkg').Count | Should -Be 1
            Save-PSResource -Name Mp4Timing -Repository $name -Path $installed.FullName -TrustRepository
            $script = "`$env:PSModulePath = '$($installed.FullName)' + [IO.Path]::PathSeparator + `$env:PSModulePath; Import-Module Mp4Timing; (Get-Module Mp4Timing).ModuleBase; @(Get-Mp4SampleTiming '$editListClip' | Where-Object Pts -lt 1).Count"
            $run = Invoke-FreshPwsh $script
            $run.ExitCode | Should -Be 0 -Because $run.Text
            $result = @($run.Text -split "\r?\n" | Where-Object { $_ })
            $result[0] | Should -BeLike "$($installed.FullName)*"
            $result[1] | Should -Be 30
        }
        finally {
            Unregister-PSResourceRepository -Name $name
        }
    }
}
